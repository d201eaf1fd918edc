//! The studio's binary (studio.html, and its worker): starts the studio (`studio::start`). Built for wasm32 only, by
//! scripts/build-studio.sh.

#[cfg(target_arch = "wasm32")]
fn main() {
    cuecard::studio::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
