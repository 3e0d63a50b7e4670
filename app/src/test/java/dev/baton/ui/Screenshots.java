package dev.baton.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Saves what a window shows as a PNG, for the docs, when {@code -Dbaton.screenshots=DIR} is given. */
final class Screenshots {
    private Screenshots() {}

    static void save(Scene scene, String name) throws Exception {
        String folder = System.getProperty("baton.screenshots", "");
        if (folder.isBlank()) {
            return;
        }
        WritableImage image = ConsoleFixture.onFx(() -> scene.snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(Path.of(folder));
        javax.imageio.ImageIO.write(png, "png", Path.of(folder, name).toFile());
    }
}
