//! Entry point: set the panic hook and start the app. Everything else is in the library.

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(target_arch = "wasm32")]
    krasa::start();
}
