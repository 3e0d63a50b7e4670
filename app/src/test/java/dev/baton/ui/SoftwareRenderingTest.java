package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the window chooses JavaFX's software pipeline and turns GTK's GL off: as {@code ./baton} decides it, from the
 * device listing (a folder standing in for /dev), the environment's GDK_GL and a prism.order already given.
 */
class SoftwareRenderingTest {
    @TempDir
    Path devices;

    @Test
    void aMachineWithoutARenderNodeDrawsInSoftware() throws Exception {
        Files.createFile(devices.resolve("null"));
        Files.createDirectories(devices.resolve("dri"));
        Files.createFile(devices.resolve("dri/card0")); // a display controller alone, as under some VMs

        assertThat(SoftwareRendering.wanted("Linux", null, null, devices)).isTrue();
    }

    @Test
    void aMachineWithADriRenderNodeKeepsItsGpu() throws Exception {
        Files.createDirectories(devices.resolve("dri"));
        Files.createFile(devices.resolve("dri/card0"));
        Files.createFile(devices.resolve("dri/renderD128"));

        assertThat(SoftwareRendering.wanted("Linux", null, null, devices)).isFalse();
    }

    @Test
    void aMachineWithAnNvidiaDeviceKeepsItsGpu() throws Exception {
        Files.createFile(devices.resolve("nvidiactl")); // the control device alone names no GPU
        assertThat(SoftwareRendering.wanted("Linux", null, null, devices)).isTrue();

        Files.createFile(devices.resolve("nvidia0"));
        assertThat(SoftwareRendering.wanted("Linux", null, null, devices)).isFalse();
    }

    @Test
    void aPipelineOrGdkGlAlreadyChosenIsLeftAlone() {
        // ./baton passes both on such a machine; a user may choose either.
        assertThat(SoftwareRendering.wanted("Linux", "disable", "sw", devices)).isFalse();
        assertThat(SoftwareRendering.wanted("Linux", null, "es2", devices)).isFalse();
        assertThat(SoftwareRendering.wanted("Linux", "disable", null, devices)).isFalse();
        assertThat(SoftwareRendering.wanted("Linux", "", null, devices)).as("empty, as the script reads it: unset").isTrue();
    }

    @Test
    void onlyGtkDesktopsAreConcerned() {
        assertThat(SoftwareRendering.wanted("Mac OS X", null, null, devices)).isFalse();
        assertThat(SoftwareRendering.wanted("Windows 11", null, null, devices)).isFalse();
    }

    @Test
    void aMissingDeviceFolderMeansNoGpu() {
        assertThat(SoftwareRendering.wanted("Linux", null, null, devices.resolve("absent"))).isTrue();
    }
}
