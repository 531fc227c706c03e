"""Running the site in production: deploy checks that refuse an unsafe start (README "Deploying")."""
