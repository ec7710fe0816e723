"""The engine-facing top: one reading of the course (shared by `hocvuso check`, export, new and the build),
then a build session that answers MkDocs' page events and writes the outputs; the nav and the build settings."""
