"""The demo site's words and structure, kept apart from the code that loads them."""
