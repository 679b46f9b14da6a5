//! Entry point: set the panic hook and start the app. Everything else is in the library.

fn main() {
    console_error_panic_hook::set_once();
    // Natively the binary only exists to be built; the prerenderer is `crates/prerender`.
    #[cfg(target_arch = "wasm32")]
    krasa::start();
}
