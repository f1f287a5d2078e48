package dev.baas.server;

import io.helidon.http.Method;

/**
 * One HTTP operation the server serves: the single list of these drives both the routing and {@code /openapi.json}.
 *
 * @param path          the path as documented (OpenAPI template syntax, {@code {uuid}})
 * @param authenticated whether an API key is required
 * @param implemented   false for v1 operations answered with 501 for now
 * @param v1            whether the operation is one of the Meeting BaaS v1 API (the rest are this server's own)
 */
record Operation(Method method, String path, String operationId, String summary, boolean authenticated,
                 boolean implemented, int successStatus, boolean v1) {
    static Operation v1(Method method, String path, String operationId, String summary) {
        return new Operation(method, path, operationId, summary, true, true, 200, true);
    }

    static Operation later(Method method, String path, String operationId, String summary) {
        return new Operation(method, path, operationId, summary, true, false, 200, true);
    }

    /** One of this server's own authenticated operations, beyond v1. */
    static Operation own(Method method, String path, String operationId, String summary) {
        return new Operation(method, path, operationId, summary, true, true, 200, false);
    }

    static Operation open(Method method, String path, String operationId, String summary) {
        return new Operation(method, path, operationId, summary, false, true, 200, false);
    }

    Operation status(int status) {
        return new Operation(method, path, operationId, summary, authenticated, implemented, status, v1);
    }
}
