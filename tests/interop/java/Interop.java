// The Java side of tidings' cross-language tests (tests/tests/interop/java.rs drives it), against
// Apache Avro for Java as Debian packages it (libavro-java, libavro-compiler-java).
//
// Usage: java Interop MANIFEST REPORT WORKDIR
//
// MANIFEST holds one task per line, tab-separated, every free-form field as lowercase hex:
//   schema  LABEL SCHEMA                  -> canonical LABEL FORM FINGERPRINT (a signed long)
//   compile LABEL SCHEMA                  -> compiled  LABEL FILES (SpecificCompiler, then javac)
//   message CASE  SCHEMA MESSAGE DATUM    -> message   CASE  DATUM' MESSAGE'
//   resolve CASE  WRITER READER DATUM TRANSCODED -> resolved CASE EQUAL RESOLVED
// where DATUM' is the raw datum Java re-encodes from the tidings single-object MESSAGE it
// decoded with BinaryMessageDecoder, and MESSAGE' the single-object message BinaryMessageEncoder
// writes for the value Java decoded from the raw tidings DATUM. For `resolve`, Java reads DATUM
// (written with WRITER) as READER with GenericDatumReader(writer, reader), reads TRANSCODED (the
// bytes tidings' resolution plan made of DATUM) with READER alone, and reports whether the two
// values are equal (GenericData's equals) and the first as READER encodes it. A task that fails
// reports
//   failed  LABEL STAGE ERROR
// instead. The exit code is 0 when the report is written, whatever it holds: the Rust test
// judges it.

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.compiler.specific.SpecificCompiler;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

public final class Interop {
  public static void main(String[] args) throws IOException {
    List<String> tasks = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    Path work = Path.of(args[2]);
    List<String> report = new ArrayList<>();
    int compiled = 0;
    for (String line : tasks) {
      String[] task = line.split("\t", -1);
      String kind = task[0];
      String label = task[1];
      try {
        Schema schema = new Schema.Parser().parse(text(task[2]));
        switch (kind) {
          case "schema":
            String form = SchemaNormalization.toParsingForm(schema);
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            report.add(row("canonical", label, hex(form), Long.toString(fingerprint)));
            break;
          case "compile":
            int files = compile(schema, work.resolve("compile-" + compiled++));
            report.add(row("compiled", label, Integer.toString(files)));
            break;
          case "message":
            report.add(row("message", label, reread(schema, unhex(task[3])),
                rewrite(schema, unhex(task[4]))));
            break;
          case "resolve":
            report.add(resolve(label, schema, new Schema.Parser().parse(text(task[3])),
                unhex(task[4]), unhex(task[5])));
            break;
          default:
            throw new IllegalArgumentException("unknown task " + kind);
        }
      } catch (Exception | LinkageError e) {
        report.add(row("failed", label, kind, hex(describe(e))));
      }
    }
    Files.write(Path.of(args[1]), report, StandardCharsets.UTF_8);
  }

  /** Decodes a single-object message with BinaryMessageDecoder; the value as a raw datum. */
  static String reread(Schema schema, byte[] message) throws IOException {
    BinaryMessageDecoder<Object> decoder = new BinaryMessageDecoder<>(GenericData.get(), schema);
    Object value = decoder.decode(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema).write(value, encoder);
    encoder.flush();
    return hex(out.toByteArray());
  }

  /** Decodes a raw datum; the value as BinaryMessageEncoder writes it. */
  static String rewrite(Schema schema, byte[] datum) throws IOException {
    Object value = new GenericDatumReader<Object>(schema)
        .read(null, DecoderFactory.get().binaryDecoder(datum, null));
    ByteBuffer message = new BinaryMessageEncoder<Object>(GenericData.get(), schema).encode(value);
    byte[] bytes = new byte[message.remaining()];
    message.get(bytes);
    return hex(bytes);
  }

  /** Resolves DATUM from WRITER to READER; compares it with TRANSCODED read as READER. */
  static String resolve(String label, Schema writer, Schema reader, byte[] datum,
      byte[] transcoded) throws IOException {
    Object resolved = new GenericDatumReader<Object>(writer, reader)
        .read(null, DecoderFactory.get().binaryDecoder(datum, null));
    Object direct = new GenericDatumReader<Object>(reader)
        .read(null, DecoderFactory.get().binaryDecoder(transcoded, null));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(reader).write(resolved, encoder);
    encoder.flush();
    // GenericData.Record's equals is GenericData's comparison in its equality mode (maps too).
    return row("resolved", label, Boolean.toString(resolved.equals(direct)),
        hex(out.toByteArray()));
  }

  /** Generates the schema's classes into DIR/src and compiles them into DIR/classes. */
  static int compile(Schema schema, Path dir) throws IOException {
    File src = dir.resolve("src").toFile();
    new SpecificCompiler(schema).compileToDestination(null, src);
    if (!src.exists()) {
      return 0; // A primitive, an array or a map: nothing to generate.
    }
    List<String> sources;
    try (Stream<Path> walk = Files.walk(src.toPath())) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString)
          .collect(Collectors.toList());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options = new ArrayList<>(List.of("-proc:none", "-nowarn", "-Xlint:none",
        "-classpath", System.getProperty("java.class.path"),
        "-d", dir.resolve("classes").toString()));
    options.addAll(sources);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, options.toArray(new String[0]));
    if (status != 0) {
      throw new IllegalStateException(
          "javac failed on the generated classes:\n" + errors.toString(StandardCharsets.UTF_8));
    }
    return sources.size();
  }

  static String describe(Throwable e) {
    return e.getClass().getName() + ": " + e.getMessage();
  }

  static String row(String... fields) {
    return String.join("\t", fields);
  }

  static String text(String hex) {
    return new String(unhex(hex), StandardCharsets.UTF_8);
  }

  static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }

  static byte[] unhex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
