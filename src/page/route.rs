//! Where the page is: the URL hash (`#/p/<id>`) as a route, so any static host and sub-path work.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Search,
    Procedure(String),
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let h = hash.trim_start_matches('#');
        match h.strip_prefix("/p/") {
            Some(id) if !id.is_empty() => Route::Procedure(id.to_string()),
            _ => Route::Search,
        }
    }

    /// The hash that leads here.
    pub fn hash(&self) -> String {
        match self {
            Route::Search => "#/".to_string(),
            Route::Procedure(id) => format!("#/p/{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_routes_and_back() {
        assert_eq!(
            Route::from_hash("#/p/vi-gap-truong-ca"),
            Route::Procedure("vi-gap-truong-ca".into())
        );
        for h in ["", "#", "#/", "#/p/", "#/x/y"] {
            assert_eq!(Route::from_hash(h), Route::Search, "{h:?}");
        }
        let r = Route::Procedure("zh-tousu".into());
        assert_eq!(Route::from_hash(&r.hash()), r);
        assert_eq!(Route::from_hash(&Route::Search.hash()), Route::Search);
    }
}
