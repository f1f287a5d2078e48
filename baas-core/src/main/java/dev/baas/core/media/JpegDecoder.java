package dev.baas.core.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * Decodes JPEG pictures with FFmpeg, several times faster than ImageIO; screen captures arrive as JPEG at 15 fps
 * or more, so this is most of a speaker view's cost. One instance per thread.
 */
final class JpegDecoder implements AutoCloseable {
    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private SwsContext converter;
    private BytePointer input = new BytePointer(0L);
    private BytePointer output = new BytePointer(0L);

    JpegDecoder() {
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
        if (codec == null) throw new IllegalStateException("this FFmpeg build has no JPEG decoder");
        context = avcodec_alloc_context3(codec);
        if (avcodec_open2(context, codec, (AVDictionary) null) < 0) throw new IllegalStateException("cannot open the JPEG decoder");
    }

    /** The picture, or empty if the data is not a JPEG FFmpeg can read. */
    Optional<BufferedImage> decode(byte[] jpeg) {
        long needed = jpeg.length + (long) AV_INPUT_BUFFER_PADDING_SIZE;
        if (input.capacity() < needed) {
            input.close();
            input = new BytePointer(needed);
        }
        input.position(0).put(jpeg, 0, jpeg.length);
        input.position(jpeg.length).fill(0); // FFmpeg may read a little past the end
        input.position(0);
        packet.data(input).size(jpeg.length);
        if (avcodec_send_packet(context, packet) < 0) return Optional.empty();
        if (avcodec_receive_frame(context, frame) < 0) return Optional.empty();
        try {
            int w = frame.width();
            int h = frame.height();
            converter = sws_getCachedContext(converter, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR,
                    null, null, (DoublePointer) null);
            if (converter == null) return Optional.empty();
            long size = (long) w * h * 3;
            if (output.capacity() < size) {
                output.close();
                output = new BytePointer(size);
            }
            // swscale reads four planes' pointers and strides, even for a packed format
            PointerPointer<BytePointer> planes = new PointerPointer<>(frame); // a view of the frame's data[] array
            try (PointerPointer<BytePointer> dst = new PointerPointer<>(output, null, null, null);
                 IntPointer stride = new IntPointer(new int[]{w * 3, 0, 0, 0})) {
                sws_scale(converter, planes, frame.linesize(), 0, h, dst, stride);
            }
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            output.position(0).get(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
            return Optional.of(img);
        } finally {
            av_frame_unref(frame);
        }
    }

    @Override
    public void close() {
        sws_freeContext(converter);
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(context);
        input.close();
        output.close();
    }
}
