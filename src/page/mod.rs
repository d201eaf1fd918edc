//! The operator page's own state and transitions, as plain Rust that native tests drive: the
//! loading of the index blobs (`load`), the route (`route`), the results list over a
//! procedure (`results`) and what each shortcut acts on (`keys`). `app` holds them in signals and executes what they decide; like `desk`, nothing
//! here knows Leptos or the browser.

pub mod keys;
pub mod load;
pub mod results;
pub mod route;
