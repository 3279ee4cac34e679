package dev.usagekit.androidcheck;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The figures a mobile developer asks of a dex output: how many dex files, their bytes and method references. */
final class Dex {
  /** Offset of {@code method_ids_size} in a dex header (a little-endian uint). */
  private static final int METHOD_IDS_SIZE = 0x58;

  final int files;
  final long bytes;
  final long methodRefs;

  private Dex(int files, long bytes, long methodRefs) {
    this.files = files;
    this.bytes = bytes;
    this.methodRefs = methodRefs;
  }

  /** Reads every {@code classes*.dex} in {@code dir}. */
  static Dex read(Path dir) throws IOException {
    List<Path> dexes;
    try (Stream<Path> files = Files.list(dir)) {
      dexes = files.filter(f -> f.getFileName().toString().matches("classes\\d*\\.dex")).sorted()
          .collect(Collectors.toList());
    }
    long bytes = 0;
    long refs = 0;
    for (Path dex : dexes) {
      byte[] data = Files.readAllBytes(dex);
      if (data.length < 0x70 || data[0] != 'd' || data[1] != 'e' || data[2] != 'x') {
        throw new IOException(dex + " is not a dex file");
      }
      bytes += data.length;
      refs += ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(METHOD_IDS_SIZE) & 0xffffffffL;
    }
    return new Dex(dexes.size(), bytes, refs);
  }

  static String describe(Path dir) throws IOException {
    return read(dir).toString();
  }

  @Override
  public String toString() {
    return String.format("dex files=%d bytes=%,d method refs=%,d", files, bytes, methodRefs);
  }
}
