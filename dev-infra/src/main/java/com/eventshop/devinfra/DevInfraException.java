package com.eventshop.devinfra;

/**
 * A part of the development infrastructure could not start or was handed something it must not
 * touch. The message is written for the person at the terminal: it says what went wrong and what
 * to do about it (another port, {@code --fresh}, ...).
 */
public class DevInfraException extends RuntimeException {

    public DevInfraException(String message) {
        super(message);
    }

    public DevInfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
