# Varnish 7.1 in front of Khabar, with varnish-modules' xkey for purges by surrogate key.
#   apt install varnish varnish-modules
#   varnishd -a :80 -f /etc/varnish/khabar.vcl -s malloc,256m
# and start Khabar with PURGE=varnish:http://<this varnish> (every instance, and the CLI).
# Pages say how long a shared cache may keep them (s-maxage) and what they show (xkey); each
# write purges exactly those keys. Varnish 7.1 speaks gzip only: through it pages are gzip.
vcl 4.1;

import xkey;
import directors;

# Where Khabar listens: one backend per instance (copy the block, name it khabar2, …, and add it
# in vcl_init). Each is taken out of the rotation while its /readyz fails.
backend khabar1 {
    .host = "127.0.0.1";
    .port = "3000";
    .probe = { .url = "/readyz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

sub vcl_init {
    new khabar = directors.round_robin();
    khabar.add_backend(khabar1);
}

# Who may purge: the Khabar instances (and the CLI's machine). Add their addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = khabar.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey) {
            set req.http.n-gone = xkey.purge(req.http.xkey);
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, and whatever a reader sees alone: never from or into the cache.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/api/") {
        return (pass);
    }
    # The view beacon counts each reader at an instance: never answered from the cache.
    if (req.url ~ "^/views/") {
        return (pass);
    }
    # A reader with held comments on this article sees them: one fixed cookie marks it.
    if (req.http.Cookie ~ "(^|;\s*)khabar_held=") {
        return (pass);
    }
    # Public pages depend on no cookie: drop them so every reader shares one copy.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # The held-comments cookie (or any cookie) makes a response personal.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Keep serving a stale copy while a fresh one is fetched, or while Khabar is unreachable.
    set beresp.grace = 24h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for this cache, not for browsers; browsers revalidate (max-age=0, ETag).
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
