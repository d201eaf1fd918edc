//! localStorage as the desk's `Store`, under keys named after the deployment's path.

use super::window;
use crate::desk::storage::StoreError;

/// The directory of the page's URL path ("/desk/" for "/desk/index.html"): names this
/// deployment's storage keys.
pub fn base_path() -> String {
    let path = window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into());
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => "/".into(),
    }
}

/// localStorage as the desk's `Store`; a full or disabled storage is reported, never thrown.
pub struct LocalStore(Option<web_sys::Storage>);

impl LocalStore {
    pub fn open() -> LocalStore {
        LocalStore(window().local_storage().ok().flatten())
    }
}

impl crate::desk::storage::Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let s = self.0.as_ref().ok_or(StoreError::Unavailable)?;
        s.set_item(key, value)
            .map_err(|e| StoreError::Refused(super::js_error(e)))
    }
    fn remove(&mut self, key: &str) {
        if let Some(s) = &self.0 {
            let _ = s.remove_item(key);
        }
    }
    fn keys(&self) -> Vec<String> {
        let Some(s) = &self.0 else { return Vec::new() };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}
