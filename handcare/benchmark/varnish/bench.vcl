# Minimal VCL for `make bench` only, used when deploy/varnish/default.vcl does not exist.
# It caches anonymous GETs briefly and never the admin; it does not purge on publish, so it is
# not a production configuration (the deploy VCL is).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

sub vcl_recv {
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/") {
        return (pass);
    }
    # Readers are anonymous: cookies (a stray session) must not split or bypass the cache.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (bereq.url ~ "^/static/") {
        set beresp.ttl = 1h;
    } else if (!beresp.http.Cache-Control) {
        set beresp.ttl = 60s;
    }
}
