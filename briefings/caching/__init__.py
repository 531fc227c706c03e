"""The reader page cache: anonymous readers' pages served from the shared cache, never stale
(README "Caching")."""
