vcl 4.1;
# HandCare's Varnish edge cache (docs/page-cache.md).
#
# Keeps only what the app marks shareable (Cache-Control: s-maxage=N, sent for public pages
# rendered for anonymous readers), for N seconds or until the app purges it. The app sends
# PURGE <path> when a page changes (every query variant of the path goes, on every host), PURGE
# with an X-Purge-Regex of many paths for a batch (a section's articles), and BAN / when
# everything must go (settings, moves, deletions). X-Cache says HIT, MISS or PASS.
#
# Run: varnishd -f /etc/varnish/default.vcl -a :6081, and set VARNISH_URL=http://127.0.0.1:6081
# for the app. The app server is expected on 127.0.0.1:8000 (gunicorn's default bind).

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app server, on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from here"));
        }
        if (req.method == "BAN") {
            ban("obj.status != 0");
            return (synth(200, "Banned everything"));
        }
        # A batch of paths (the app's VarnishBackend.purge_batch): one ban for all of them.
        # The app escapes and anchors the expression; only the purgers above can send one.
        if (req.http.X-Purge-Regex) {
            if (req.http.X-Purge-Regex !~ "^\^\(\S+\)\$$") {
                return (synth(400, "X-Purge-Regex must be ^(paths)$"));
            }
            ban("obj.http.X-Url-Path ~ " + req.http.X-Purge-Regex);
            return (synth(200, "Purged"));
        }
        # By path alone, so the ban drops every host and query variant (?page=2...), and by an
        # object header, so the ban lurker can clear old objects in the background.
        ban("obj.http.X-Url-Path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never cached: the admin, reader search, documents, Wagtail's login and password views.
    if (req.url ~ "^/(admin|django-admin|search|documents|_util)(/|\?|$)") {
        return (pass);
    }
    # Only the query strings the app caches (a listing's ?page=N); any other is passed, so
    # random query strings cannot fill the cache.
    if (req.url ~ "\?" && req.url !~ "\?page=[1-9][0-9]{0,3}$") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A session (logged in, or a page password passed) or pending messages: this reader's own.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (csrftoken, analytics) do not change a public page.
    unset req.http.Cookie;
    # A client that takes no gzip gets a plain copy of its own (vcl_hash), fetched plain,
    # rather than Varnish unzipping the shared gzip copy again for every such request. (A
    # "gzip;q=0" shares the gzip copy, which Varnish's gzip support unzips for it.)
    if (req.http.Accept-Encoding !~ "gzip") {
        set req.http.X-Plain-Copy = "1";
    }
    return (hash);
}

sub vcl_hash {
    if (req.http.X-Plain-Copy) {
        hash_data("plain");
    }
    # Then the built-in vcl_hash: URL and host.
}

sub vcl_backend_fetch {
    if (bereq.http.X-Plain-Copy) {
        unset bereq.http.X-Plain-Copy;
        unset bereq.http.Accept-Encoding;
    }
}

sub vcl_backend_response {
    set beresp.http.X-Url-Path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.X-Cache) {
        set beresp.http.X-App-Cache = beresp.http.X-Cache;
        unset beresp.http.X-Cache;
    }
    # Static files (WhiteNoise) and images: public, cookie-free, and their URLs change when
    # the file does (hashed names, unique renditions), so they are kept for their max-age.
    if (bereq.url ~ "^/(static|media)/"
        && beresp.status == 200
        && beresp.http.Cache-Control ~ "public"
        && beresp.http.Cache-Control ~ "max-age=[1-9]"
        && !beresp.http.Set-Cookie) {
        return (deliver);
    }
    # Only a page the app marked shareable is kept; everything else is passed. (Varnish's
    # own default would keep a response without Cache-Control for two minutes.)
    if (beresp.status != 200
        || beresp.http.Cache-Control !~ "s-maxage="
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        return (deliver);
    }
    # beresp.ttl already comes from s-maxage. No grace: once a page expires (at the latest at
    # local midnight, when "Review overdue" may change), nobody is served the old copy.
    set beresp.grace = 0s;
    # The app gzips HTML itself (with Django's BREACH length randomisation); compress what it
    # left uncompressed, except the plain copy. Only shareable pages get here, holding no secret.
    if (bereq.http.Accept-Encoding
        && !beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^(text/|application/(json|xml|javascript))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Url-Path;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
