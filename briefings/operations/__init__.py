"""Running the site in production: deploy checks that refuse an unsafe start, structured logs,
media serving without a proxy, and backups (README "Deploying")."""
