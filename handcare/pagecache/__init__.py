"""Full-page cache of public pages for anonymous readers, purged whenever what they show changes."""
