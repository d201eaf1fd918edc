//! The page's entry point: mounts the app (everything else lives in the library).
fn main() {
    #[cfg(target_arch = "wasm32")]
    cuecard::app::mount();
}
