"""The faces people meet, all over the one ``Assistant``: the CLI, the Gradio chat, its MCP tools,
and the exports (markdown, BibTeX) they share."""
