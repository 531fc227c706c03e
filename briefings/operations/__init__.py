"""Running the site in production: deploy checks that refuse an unsafe start, structured logs and
media serving without a proxy (README "Deploying")."""
