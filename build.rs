//! One name for the authoring code (`cfg(authoring)`): content checks, the index builder, the
//! publication plan and the studio's model. It is compiled natively (`kb`, tests) and into the
//! studio's wasm, never into the operator page's wasm, so a reader sees at a glance what reaches
//! the desk without decoding `any(not(target_arch = "wasm32"), feature = "studio")`.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(authoring)");
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let studio = std::env::var_os("CARGO_FEATURE_STUDIO").is_some();
    if !wasm || studio {
        println!("cargo::rustc-cfg=authoring");
    }
}
