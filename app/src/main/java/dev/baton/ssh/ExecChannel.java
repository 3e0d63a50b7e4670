package dev.baton.ssh;

import java.io.IOException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.ChannelInputStream;
import net.schmizz.sshj.connection.channel.direct.SessionChannel;

/**
 * A session channel that hands each packet of a command's stdout and stderr to its {@link Output} on the thread
 * that reads the connection, instead of queueing it for a reading thread of its own per stream. A fan-out of 256
 * nodes then runs on sshj's one reading thread per connection, not on 512 more. The channel's window is given back
 * only once the output has taken the bytes, so a slow output (a spool on disk) slows the node, never fills the heap.
 */
final class ExecChannel extends SessionChannel {
    /** Where the bytes go, on the connection's reading thread; it must not wait for anything but its own disk. */
    interface Output {
        void stdout(byte[] bytes, int offset, int length);

        void stderr(byte[] bytes, int offset, int length);

        /** The node sent its end of output or closed the channel: no more bytes come. */
        void ended();

        /** The connection failed under the channel: no more bytes come. */
        void failed(IOException error);
    }

    private final Output output;
    /** False while sshj's constructors run; see {@link #getLocalMaxPacketSize()}. */
    private final boolean constructed;

    private ExecChannel(SSHClient client, Output output) {
        super(client.getConnection(), client.getRemoteCharset());
        this.output = output;
        this.constructed = true;
    }

    /**
     * sshj's constructors size the buffers of the channel's stdout and stderr streams by this: 32 KB each, for
     * streams this channel never fills (its bytes go to {@link Output}). While they run it is 0, so those buffers
     * are a byte each: 64 KB less per node in flight, 16 MB at {@code --parallel 256}. Afterwards it is the true
     * size, which the channel's open request tells the node.
     */
    @Override
    public int getLocalMaxPacketSize() {
        return constructed ? super.getLocalMaxPacketSize() : 0;
    }

    /** Opens a session channel on {@code client} whose output goes to {@code output}; the command is not sent yet. */
    static ExecChannel open(SSHClient client, Output output) throws IOException {
        if (!client.isConnected() || !client.isAuthenticated()) {
            throw new IOException("not connected");
        }
        ExecChannel channel = new ExecChannel(client, output);
        channel.open();
        return channel;
    }

    @Override
    protected void receiveInto(ChannelInputStream stream, SSHPacket packet) throws SSHException {
        int length;
        try {
            length = packet.readUInt32AsInt();
        } catch (Buffer.BufferException e) {
            throw new ConnectionException(e);
        }
        if (length < 0 || length > getLocalMaxPacketSize() || length > packet.available()) {
            throw new ConnectionException(DisconnectReason.PROTOCOL_ERROR, "Bad item length: " + length);
        }
        if (stream == getErrorStream()) {
            output.stderr(packet.array(), packet.rpos(), length);
        } else {
            output.stdout(packet.array(), packet.rpos(), length);
        }
        giveBack(length);
    }

    /** The bytes are taken: the node may send as many again once the window runs low (as sshj's own streams do). */
    private void giveBack(int length) throws SSHException {
        synchronized (lwin) {
            lwin.consume(length);
            long adjustment = lwin.neededAdjustment();
            if (adjustment > 0) {
                trans.write(new SSHPacket(Message.CHANNEL_WINDOW_ADJUST).putUInt32(getRecipient())
                        .putUInt32(adjustment));
                lwin.expand(adjustment);
            }
        }
    }

    @Override
    protected void eofInputStreams() {
        super.eofInputStreams();
        output.ended();
    }

    @Override
    protected void closeAllStreams() {
        super.closeAllStreams();
        output.ended();
    }

    @Override
    public void notifyError(SSHException error) {
        super.notifyError(error);
        output.failed(error);
    }
}
