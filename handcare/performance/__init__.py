"""How public pages stay cheap: cached site and restriction lookups, routing, images, profiling."""
