package dev.hermod.crypto.internal;

/** An uploaded key or certificate was refused; the message tells the user what was wrong and what to do. */
final class UploadRejected extends Exception {

    private static final long serialVersionUID = 1L;

    UploadRejected(String message) {
        super(message);
    }

    UploadRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
