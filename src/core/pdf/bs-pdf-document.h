/* bs-pdf-document.h — a PDF opened read-only through qpdf.
 *
 * This is the only place that calls qpdf's C API. It answers what the
 * signer and verifier need to know about the document's objects and
 * plans the object changes of an incremental update (it never writes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BsPdfDocument BsPdfDocument;

typedef struct {
  double x0, y0, x1, y1;
} BsPdfBox;

typedef struct {
  guint    num, gen;   /* the page object */
  BsPdfBox media;
  BsPdfBox crop;       /* the CropBox clipped to the MediaBox, else MediaBox */
  int      rotate;     /* 0, 90, 180 or 270, inherited values resolved */
} BsPdfPage;

/* A whole object for the update: "num gen obj <body> endobj". */
typedef struct {
  guint  num, gen;
  char  *body;
} BsPdfObjectText;

typedef struct {
  guint64 size;        /* trailer /Size */
  char   *root_ref;    /* "N G R" */
  char   *info_ref;    /* "N G R" or NULL */
  GBytes *id0;         /* first /ID string, or NULL */
  GBytes *id1;         /* second /ID string, or NULL */
} BsPdfTrailer;

typedef enum {
  BS_PDF_OPEN_STRICT            = 0,
  BS_PDF_OPEN_ALLOW_RECOVERY    = 1 << 0,  /* let qpdf rebuild a broken xref */
  BS_PDF_OPEN_ALLOW_ENCRYPTED   = 1 << 1,  /* files that open without a password */
} BsPdfOpenFlags;

/* Opens @path read-only. Refuses encrypted files (BS_ERROR_ENCRYPTED),
 * files that need xref reconstruction (BS_ERROR_DAMAGED) and files that are
 * not PDFs (BS_ERROR_NOT_PDF). */
BsPdfDocument *bs_pdf_document_open        (const char *path, GError **error);
BsPdfDocument *bs_pdf_document_open_full   (const char *path, BsPdfOpenFlags flags,
                                            GError **error);
/* Opens the PDF in @data (borrowed: it must outlive the document), e.g.
 * one revision of a file mapped in memory. */
BsPdfDocument *bs_pdf_document_open_bytes  (const guint8 *data, gsize len, BsPdfOpenFlags flags,
                                            GError **error);
/* The same two with the password of a protected PDF (user or owner; NULL
 * for none); a wrong one fails with BS_ERROR_ENCRYPTED. Together with
 * BS_PDF_OPEN_ALLOW_ENCRYPTED. */
BsPdfDocument *bs_pdf_document_open_password (const char *path, BsPdfOpenFlags flags, const char *password,
                                              GError **error);
BsPdfDocument *bs_pdf_document_open_bytes_password (const guint8 *data, gsize len, BsPdfOpenFlags flags,
                                                    const char *password, GError **error);
/* TRUE when qpdf had to repair the file while opening it. */
gboolean       bs_pdf_document_was_repaired (BsPdfDocument *doc);
void           bs_pdf_document_free        (BsPdfDocument *doc);

int            bs_pdf_document_get_n_pages (BsPdfDocument *doc);
/* @index counts from 0. */
gboolean       bs_pdf_document_get_page    (BsPdfDocument *doc, int index, BsPdfPage *page,
                                            GError **error);
gboolean       bs_pdf_document_get_trailer (BsPdfDocument *doc, BsPdfTrailer *trailer,
                                            GError **error);
void           bs_pdf_trailer_clear        (BsPdfTrailer *trailer);

/* The first object number not used by the document. */
guint          bs_pdf_document_next_object_number (BsPdfDocument *doc);

/* Fully qualified names of every form field (transfer full, NULL-terminated). */
char         **bs_pdf_document_dup_field_names (BsPdfDocument *doc);

/* The DocMDP permission of a certified document (1, 2 or 3), or 0. */
int            bs_pdf_document_get_docmdp_permission (BsPdfDocument *doc);

/* The objects to rewrite so that the new signature field @field_num
 * becomes a widget of page @page_index and a field of the AcroForm
 * (created when missing, /SigFlags 3). With @certify_sig_num, the catalog
 * also gets /Perms /DocMDP pointing at that signature dictionary (a
 * certification signature). Returns a GPtrArray of BsPdfObjectText
 * (transfer full). */
GPtrArray     *bs_pdf_document_plan_field (BsPdfDocument *doc, int page_index, guint field_num,
                                           guint certify_sig_num, GError **error);
/* Indirect dictionary @num without key @drop and with @extra entries
 * (" /Key value …") appended, as text: for references to objects an
 * update is about to add. NULL when @num is not a dictionary. */
BsPdfObjectText *bs_pdf_document_rewrite_dict (BsPdfDocument *doc, guint num, guint gen, const char *drop,
                                               const char *extra);
/* TRUE when any signature field of the document has a value. */
gboolean       bs_pdf_document_has_signatures (BsPdfDocument *doc);
/* Writes the whole document anew (qpdf's rebuild of a damaged file). */
gboolean       bs_pdf_document_write (BsPdfDocument *doc, const char *path, GError **error);

void           bs_pdf_object_text_free (BsPdfObjectText *obj);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsPdfDocument, bs_pdf_document_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BsPdfTrailer, bs_pdf_trailer_clear)

G_END_DECLS
