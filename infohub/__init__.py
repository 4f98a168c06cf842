"""infohub: information hubs on migration."""
