"""Turning built pages into a light site: our assets and the bundle, the little of Material we load,
the offline worker and download lists, CSS pruning, minifying, media types, URLs and the theme's paths."""
