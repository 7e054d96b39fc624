package io.recurbench.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that breaks the format: the message is one line naming the file, the tensor
 * (where there is one) and what was expected.
 */
public final class SafetensorsFormatException extends IOException {
    public SafetensorsFormatException(Path file, String message) {
        super(file + ": " + message);
    }

    public SafetensorsFormatException(Path file, String tensor, String message) {
        super(file + ": tensor '" + tensor + "': " + message);
    }
}
