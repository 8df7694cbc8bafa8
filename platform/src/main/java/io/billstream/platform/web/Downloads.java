package io.billstream.platform.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.function.Supplier;

/** A stored file (PDF, e-invoice XML) answered inline with its ETag, or 304 when the client's copy is current. */
public final class Downloads {

    private Downloads() {
    }

    /** The body is read only when it is sent. */
    public static ResponseEntity<byte[]> inline(String ifNoneMatch, String etag, MediaType type, String filename,
                                                Supplier<byte[]> body) {
        // Private: a document belongs to one tenant; no-cache: revalidate with the ETag, as the document may change.
        CacheControl cache = CacheControl.noCache().cachePrivate();
        if (ETags.noneMatchHits(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
                .eTag(etag)
                .cacheControl(cache)
                .body(body.get());
    }
}
