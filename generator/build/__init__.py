"""The build stage: the pipeline that runs every other stage in order, its caches, and publishing."""
