package io.weir.connector.http.internal.server;

/**
 * The path and query of a request target, from its origin form ({@code /a/b?x=1}) or absolute form
 * ({@code http://host/a/b?x=1}).
 *
 * @param path  the path, still percent-encoded, starting with /
 * @param query the query without '?', empty when there is none
 */
record RequestTarget(String path, String query) {

    /**
     * @param uri the request target as sent
     * @return its path and query, or null when it has no path (for example {@code *} or an authority)
     */
    static RequestTarget parse(String uri) {
        String u = uri;
        int scheme = u.indexOf("://");
        if (!u.startsWith("/") && scheme > 0) {
            int slash = u.indexOf('/', scheme + 3);
            int question = u.indexOf('?', scheme + 3);
            if (slash < 0 || (question >= 0 && question < slash)) {
                u = "/" + (question < 0 ? "" : u.substring(question));
            } else {
                u = u.substring(slash);
            }
        }
        if (!u.startsWith("/")) {
            return null;
        }
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        int question = u.indexOf('?');
        return question < 0 ? new RequestTarget(u, "") : new RequestTarget(u.substring(0, question),
                u.substring(question + 1));
    }
}
