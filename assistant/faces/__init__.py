"""Faces: takes what people type (the CLI, the Gradio chat and its API, MCP tools) and gives them the
one ``Assistant``'s answers, papers and exports (markdown, BibTeX); and how a fresh program starts fast."""
