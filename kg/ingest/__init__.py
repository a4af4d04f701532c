"""Reading and cleaning: files, folders and stdin in (`sources`); boilerplate out, metadata kept (`cleaning`)."""
