import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws Baton's icon (a relay baton across a terminal prompt on a dark tile) and writes it as the
 * installer of each system wants it: {@code java Icon.java png|ico|icns FILE}. Drawn with Java2D so
 * that packaging needs nothing but the JDK; ICO and ICNS hold PNG images, which both formats accept.
 */
public final class Icon {
    private Icon() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: java Icon.java png|ico|icns FILE");
        }
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "png" -> Files.write(file, png(draw(256)));
            case "ico" -> Files.write(file, ico(16, 32, 48, 256));
            case "icns" -> Files.write(file, icns());
            default -> throw new IllegalArgumentException("unknown format " + args[0] + ": png, ico or icns");
        }
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        // The tile: a dark terminal.
        g.setPaint(new GradientPaint(0, 8, new Color(0x2b, 0x33, 0x40), 0, 248, new Color(0x16, 0x1b, 0x22)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 52, 52));

        // A prompt in the upper left: the terminals on the right of Baton's window.
        g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x7e, 0xe7, 0x87));
        g.drawPolyline(new int[] {52, 84, 52}, new int[] {52, 80, 108}, 3);
        g.drawLine(100, 108, 136, 108);

        // The baton, passed from one responder to the next: a bar across the tile with banded ends.
        AffineTransform saved = g.getTransform();
        g.rotate(Math.toRadians(-35), 148, 168);
        g.setPaint(new GradientPaint(0, 150, new Color(0xff, 0xb3, 0x47), 0, 186, new Color(0xe0, 0x6c, 0x1a)));
        g.fill(new RoundRectangle2D.Double(68, 150, 160, 36, 36, 36));
        g.setColor(new Color(0xf6, 0xf8, 0xfa));
        g.fillRect(96, 150, 12, 36);
        g.fillRect(188, 150, 12, 36);
        g.setTransform(saved);

        // A small status light: an incident in progress.
        g.setColor(new Color(0xff, 0x5f, 0x56));
        g.fill(new Ellipse2D.Double(188, 40, 28, 28));
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Windows icon: a directory of PNG images, little-endian. */
    static byte[] ico(int... sizes) throws IOException {
        Map<Integer, byte[]> images = new LinkedHashMap<>();
        for (int size : sizes) {
            images.put(size, png(draw(size)));
        }
        ByteBuffer header = ByteBuffer.allocate(6 + 16 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = header.capacity();
        for (Map.Entry<Integer, byte[]> entry : images.entrySet()) {
            int size = entry.getKey();
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            header.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            header.putInt(entry.getValue().length).putInt(offset);
            offset += entry.getValue().length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images.values()) {
            out.write(image);
        }
        return out.toByteArray();
    }

    /** macOS icon: typed PNG images (ic07 128, ic08 256, ic09 512 pixels), big-endian. */
    static byte[] icns() throws IOException {
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("ic07", png(draw(128)));
        images.put("ic08", png(draw(256)));
        images.put("ic09", png(draw(512)));
        int length = 8;
        for (byte[] image : images.values()) {
            length += 8 + image.length;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeType(out, "icns");
        out.writeInt(length);
        for (Map.Entry<String, byte[]> entry : images.entrySet()) {
            writeType(out, entry.getKey());
            out.writeInt(8 + entry.getValue().length);
            out.write(entry.getValue());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeType(OutputStream out, String type) throws IOException {
        out.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
