"""The desk's web interface: thin views that validate input, check role and site, and call one service."""
