//! Saving text the app fetched itself (CSV needs the bearer token, so a plain link
//! cannot fetch it) as a file: a Blob, an object URL and a temporary
//! `<a download>` clicked once. Printing goes through the browser's dialog.

use wasm_bindgen::prelude::*;

/// Saves `text` as a download called `filename`.
pub fn save_text(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(filename);
    link.style().set_property("display", "none")?;
    body.append_child(&link)?;
    link.click();
    body.remove_child(&link)?;
    // Revoked a little later: some browsers read the URL after the click returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// Opens the browser's print dialog (the print stylesheet makes the handout).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
