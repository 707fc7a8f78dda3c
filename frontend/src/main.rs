//! Stige's web app for staff: Leptos, rendered in the browser, talking to the API
//! through `stige_wire`.

mod app;
mod components;
mod download;
mod format;
mod i18n;
mod pages;
mod programme;
mod routes;
mod server_text;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
