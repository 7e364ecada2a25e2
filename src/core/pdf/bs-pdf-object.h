/* bs-pdf-object.h — reading (and, for planning an update, editing in
 * memory) the objects of a BsPdfDocument.
 *
 * A BsPdfObj is a handle valid while its document lives. Getters resolve
 * indirect references; strings returned are copies the caller owns. Values
 * of the wrong type read as NULL / 0 / FALSE, never as an error, because a
 * hostile file may put anything anywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-document.h"

G_BEGIN_DECLS

typedef guint BsPdfObj;

typedef enum {
  BS_PDF_NULL,
  BS_PDF_BOOL,
  BS_PDF_INT,
  BS_PDF_REAL,
  BS_PDF_STRING,
  BS_PDF_NAME,
  BS_PDF_ARRAY,
  BS_PDF_DICT,
  BS_PDF_STREAM,
  BS_PDF_OTHER,
} BsPdfType;

BsPdfObj  bs_pdf_null         (BsPdfDocument *doc);
BsPdfObj  bs_pdf_root         (BsPdfDocument *doc);
BsPdfObj  bs_pdf_trailer      (BsPdfDocument *doc);
/* The object @num (any generation qpdf knows); NULL type when absent. */
BsPdfObj  bs_pdf_object       (BsPdfDocument *doc, guint num, guint gen);
/* Object @num under the first of generations 0-4 that resolves (null if none). */
BsPdfObj  bs_pdf_object_numbered (BsPdfDocument *doc, guint num);
/* Page @index (from 0) as an object. */
BsPdfObj  bs_pdf_page_object  (BsPdfDocument *doc, int index);
/* One past the highest object number in any xref section. */
guint     bs_pdf_max_object_number (BsPdfDocument *doc);

BsPdfType bs_pdf_obj_type     (BsPdfDocument *doc, BsPdfObj obj);
gboolean  bs_pdf_obj_is_indirect (BsPdfDocument *doc, BsPdfObj obj);
guint     bs_pdf_obj_num      (BsPdfDocument *doc, BsPdfObj obj);
guint     bs_pdf_obj_gen      (BsPdfDocument *doc, BsPdfObj obj);

/* Dictionary entry (the stream dictionary for streams). */
BsPdfObj  bs_pdf_obj_get      (BsPdfDocument *doc, BsPdfObj dict, const char *key);
gboolean  bs_pdf_obj_has      (BsPdfDocument *doc, BsPdfObj dict, const char *key);
/* Keys with their leading '/' (transfer full). */
char    **bs_pdf_obj_dup_keys (BsPdfDocument *doc, BsPdfObj dict);
int       bs_pdf_obj_len      (BsPdfDocument *doc, BsPdfObj array);
BsPdfObj  bs_pdf_obj_at       (BsPdfDocument *doc, BsPdfObj array, int index);

gint64    bs_pdf_obj_int      (BsPdfDocument *doc, BsPdfObj obj);
gboolean  bs_pdf_obj_bool     (BsPdfDocument *doc, BsPdfObj obj);
double    bs_pdf_obj_number   (BsPdfDocument *doc, BsPdfObj obj);
gboolean  bs_pdf_obj_name_is  (BsPdfDocument *doc, BsPdfObj obj, const char *name);
char     *bs_pdf_obj_dup_name (BsPdfDocument *doc, BsPdfObj obj);
/* The bytes of a string (transfer full) or NULL. */
GBytes   *bs_pdf_obj_dup_string (BsPdfDocument *doc, BsPdfObj obj);
/* A text string as UTF-8 (transfer full) or NULL. */
char     *bs_pdf_obj_dup_text (BsPdfDocument *doc, BsPdfObj obj);
/* PDF syntax of the object with its direct contents; for a stream, of its
 * dictionary (transfer full). */
char     *bs_pdf_obj_dup_unparse (BsPdfDocument *doc, BsPdfObj obj);
/* PDF syntax of the object as referenced: "N G R" for an indirect
 * object, else as bs_pdf_obj_dup_unparse() (transfer full). */
char     *bs_pdf_obj_dup_ref_text (BsPdfDocument *doc, BsPdfObj obj);
/* The stream's bytes as stored in the file, filters not applied
 * (transfer full), or NULL. */
GBytes   *bs_pdf_obj_dup_stream_raw (BsPdfDocument *doc, BsPdfObj stream);

/* Parses PDF syntax (a dictionary from the raw file, say) outside any
 * document structure; indirect references read as null. */
/* A rectangle array as a normalised box; FALSE when not four numbers or
 * of no area. */
gboolean  bs_pdf_read_box     (BsPdfDocument *doc, BsPdfObj array, BsPdfBox *box);
BsPdfObj  bs_pdf_parse        (BsPdfDocument *doc, const char *text);
/* Decodes @raw with the /Filter and /DecodeParms of @dict (transfer full),
 * or NULL when the filters are unsupported or the data is corrupt. */
GBytes   *bs_pdf_decode       (BsPdfDocument *doc, BsPdfObj dict, GBytes *raw);

/* The stream's data with its filters applied (transfer full), or NULL. */
GBytes   *bs_pdf_obj_dup_stream_data (BsPdfDocument *doc, BsPdfObj stream);

/* Lets qpdf forget a handle (bounds memory in long object walks). */
void      bs_pdf_obj_release  (BsPdfDocument *doc, BsPdfObj obj);

/* In-memory edits used to plan an update; nothing is written to the file. */
BsPdfObj  bs_pdf_new_array    (BsPdfDocument *doc);
BsPdfObj  bs_pdf_new_dict     (BsPdfDocument *doc);
BsPdfObj  bs_pdf_new_int      (BsPdfDocument *doc, gint64 value);
void      bs_pdf_obj_set      (BsPdfDocument *doc, BsPdfObj dict, const char *key, BsPdfObj value);
void      bs_pdf_obj_append   (BsPdfDocument *doc, BsPdfObj array, BsPdfObj item);

G_END_DECLS
