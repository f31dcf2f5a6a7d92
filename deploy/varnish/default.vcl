vcl 4.1;
# HandCare's Varnish edge cache (docs/page-cache.md).
#
# Keeps only what the app marks shareable (Cache-Control: s-maxage=N, sent for public pages
# rendered for anonymous readers), for N seconds or until the app purges it. The app sends
# PURGE <path> when a page changes (every query variant of the path goes, on every host) and
# BAN / when everything must go (settings, moves, deletions). X-Cache says HIT, MISS or PASS.
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
    return (hash);
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
    # left uncompressed. Only shareable pages get here, and they hold no secret.
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(json|xml|javascript))") {
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
