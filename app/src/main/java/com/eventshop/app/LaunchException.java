package com.eventshop.app;

/** A start-up problem the user can fix; its message says how. */
class LaunchException extends RuntimeException {
    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
