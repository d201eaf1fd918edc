//! The studio's binary (studio.html): mounts the studio (`studio::mount`). Built for wasm32 only, by
//! scripts/build-studio.sh.

#[cfg(target_arch = "wasm32")]
fn main() {
    cuecard::studio::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
