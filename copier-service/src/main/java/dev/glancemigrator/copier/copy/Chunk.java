package dev.glancemigrator.copier.copy;

/** A piece of an allocated extent that lies within one RBD object: the unit read and written. */
record Chunk(long offset, int length) {

    long end() {
        return offset + length;
    }
}
