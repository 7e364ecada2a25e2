/* bs-pdf-document.c — the qpdf C API, wrapped once.
 *
 * This is the only file that calls qpdf. Rules of qpdf's C API followed
 * here: every string qpdf returns is copied before the next call, errors
 * are taken (and so cleared) after calls that can fail, and one qpdf_data
 * belongs to one document and so to one thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-object.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where readers look for the header (ISO 32000-1 7.5.2, Annex H). */
#define HEADER_WINDOW 1024

struct _BsPdfDocument {
  qpdf_data  q;
  gboolean   repaired;
  guint      next_number;  /* bs_pdf_max_object_number, once asked */
  GRegex    *reference;   /* "N G R", for bs_pdf_parse() */
};

static gboolean
has_pdf_header (const guint8 *head, gsize n)
{
  return n >= 8 && memmem (head, MIN (n, (gsize) HEADER_WINDOW), "%PDF-", 5) != NULL;
}

static gboolean
file_has_pdf_header (const char *path, GError **error)
{
  guint8 head[HEADER_WINDOW];
  FILE *f = g_fopen (path, "rb");
  size_t n;

  if (f == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot open %s"), path);
      return FALSE;
    }
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  return has_pdf_header (head, n);
}

static void
set_not_pdf (GError **error)
{
  g_set_error_literal (error, BS_ERROR, BS_ERROR_NOT_PDF, _("The file is not a PDF document"));
}

static BsError
map_read_error (qpdf_data q, qpdf_error e)
{
  switch (qpdf_get_error_code (q, e))
    {
    case qpdf_e_password:
      return BS_ERROR_ENCRYPTED;
    case qpdf_e_system:
      return BS_ERROR_IO;
    case qpdf_e_success:
    case qpdf_e_internal:
    case qpdf_e_unsupported:
    case qpdf_e_damaged_pdf:
    case qpdf_e_pages:
    case qpdf_e_object:
    case qpdf_e_json:
    case qpdf_e_linearization:
    default:
      return BS_ERROR_DAMAGED;
    }
}

static void
prepare_reader (BsPdfDocument *doc, BsPdfOpenFlags flags)
{
  qpdf_silence_errors (doc->q);
  qpdf_set_suppress_warnings (doc->q, QPDF_TRUE);
  /* By default a file qpdf must reconstruct is refused: signing it would
   * sign what qpdf guessed, not what other readers see. */
  qpdf_set_attempt_recovery (doc->q, (flags & BS_PDF_OPEN_ALLOW_RECOVERY) ? QPDF_TRUE : QPDF_FALSE);
}

/* qpdf warns when the trailer's /Size is more than one plus the highest
 * object number it saw: PDFBox's cross-reference streams do not list
 * themselves. Nothing is reconstructed then; a /Size too small still
 * counts as damage (objects past it are outside the file's own table). */
static gboolean
warning_is_benign (const char *detail)
{
  unsigned long reported = 0, highest = 0;

  return sscanf (detail, "reported number of objects (%lu) is not one plus the highest object number (%lu)",
                 &reported, &highest) == 2
         && reported > highest + 1;
}

/* Consumes qpdf's warnings; returns the first that means repair. */
static char *
first_damage_warning (qpdf_data q)
{
  char *damage = NULL;

  while (qpdf_more_warnings (q))
    {
      /* qpdf reuses the detail's buffer on its next call. */
      const char *detail = qpdf_get_error_message_detail (q, qpdf_next_warning (q));
      if (damage == NULL && !warning_is_benign (detail))
        damage = g_strdup (detail);
    }
  return damage;
}

static gboolean
check_read (BsPdfDocument *doc, QPDF_ERROR_CODE rc, BsPdfOpenFlags flags, const char *password, GError **error)
{
  g_autofree char *damage = NULL;

  if (rc & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (doc->q);
      BsError code = map_read_error (doc->q, e);

      if (code == BS_ERROR_ENCRYPTED && password != NULL)
        g_set_error_literal (error, BS_ERROR, code, _("The PDF's password is wrong"));
      else if (code == BS_ERROR_ENCRYPTED)
        g_set_error_literal (error, BS_ERROR, code,
                             _("The PDF is password-protected; remove the protection first"));
      else
        g_set_error (error, BS_ERROR, code, _("The PDF is damaged: %s"),
                     qpdf_get_error_message_detail (doc->q, e));
      return FALSE;
    }
  damage = first_damage_warning (doc->q);
  doc->repaired = damage != NULL;
  if (doc->repaired && !(flags & BS_PDF_OPEN_ALLOW_RECOVERY))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_DAMAGED, _("The PDF is damaged: %s"), damage);
      return FALSE;
    }
  if (qpdf_is_encrypted (doc->q) && !(flags & BS_PDF_OPEN_ALLOW_ENCRYPTED))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_ENCRYPTED,
                           _("The PDF is encrypted; remove the protection first"));
      return FALSE;
    }
  if (bs_pdf_document_get_n_pages (doc) <= 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED, _("The PDF has no readable pages"));
      return FALSE;
    }
  return TRUE;
}

/* qpdf's reconstruction of a broken file slows down with every "%%EOF"
 * in it (20000 of them took 14 s, where Poppler takes 16 ms): a file with
 * more than any real update history has is not repaired. */
#define MAX_EOF_MARKERS_TO_REPAIR 2000

static gboolean
too_many_eof_markers (const char *data, gsize len)
{
  guint count = 0;

  for (const char *p = data; (p = memmem (p, len - (gsize) (p - data), "%%EOF", 5)) != NULL; p += 5)
    if (++count > MAX_EOF_MARKERS_TO_REPAIR)
      return TRUE;
  return FALSE;
}

static gboolean
repair_is_bounded (const char *path, GError **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  if (mapped != NULL
      && too_many_eof_markers (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped)))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                           _("The PDF is damaged and has too many end-of-file markers to be repaired"));
      return FALSE;
    }
  return TRUE;
}

BsPdfDocument *
bs_pdf_document_open_full (const char *path, BsPdfOpenFlags flags, GError **error)
{
  return bs_pdf_document_open_password (path, flags, NULL, error);
}

BsPdfDocument *
bs_pdf_document_open_password (const char *path, BsPdfOpenFlags flags, const char *password, GError **error)
{
  g_autoptr(BsPdfDocument) doc = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!file_has_pdf_header (path, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_not_pdf (error);
      return NULL;
    }
  if ((flags & BS_PDF_OPEN_ALLOW_RECOVERY) && !repair_is_bounded (path, error))
    return NULL;
  doc = g_new0 (BsPdfDocument, 1);
  doc->q = qpdf_init ();
  prepare_reader (doc, flags);
  if (!check_read (doc, qpdf_read (doc->q, path, password), flags, password, error))
    return NULL;
  return g_steal_pointer (&doc);
}

BsPdfDocument *
bs_pdf_document_open (const char *path, GError **error)
{
  return bs_pdf_document_open_full (path, BS_PDF_OPEN_STRICT, error);
}

BsPdfDocument *
bs_pdf_document_open_bytes (const guint8 *data, gsize len, BsPdfOpenFlags flags, GError **error)
{
  return bs_pdf_document_open_bytes_password (data, len, flags, NULL, error);
}

BsPdfDocument *
bs_pdf_document_open_bytes_password (const guint8 *data, gsize len, BsPdfOpenFlags flags, const char *password,
                                     GError **error)
{
  g_autoptr(BsPdfDocument) doc = NULL;

  if (!has_pdf_header (data, len))
    {
      set_not_pdf (error);
      return NULL;
    }
  if ((flags & BS_PDF_OPEN_ALLOW_RECOVERY) && too_many_eof_markers ((const char *) data, len))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                           _("The PDF is damaged and has too many end-of-file markers to be repaired"));
      return NULL;
    }
  doc = g_new0 (BsPdfDocument, 1);
  doc->q = qpdf_init ();
  prepare_reader (doc, flags);
  if (!check_read (doc, qpdf_read_memory (doc->q, "revision", (const char *) data, len, password),
                   flags, password, error))
    return NULL;
  return g_steal_pointer (&doc);
}

gboolean
bs_pdf_document_was_repaired (BsPdfDocument *doc)
{
  return doc->repaired;
}

void
bs_pdf_document_free (BsPdfDocument *doc)
{
  if (doc == NULL)
    return;
  qpdf_cleanup (&doc->q);
  g_clear_pointer (&doc->reference, g_regex_unref);
  g_free (doc);
}

/* Errors on object access mean "not there" for a hostile file: they are
 * taken so they cannot leak into the next call. */
static void
forget_error (BsPdfDocument *doc)
{
  if (qpdf_has_error (doc->q))
    qpdf_get_error (doc->q);
  while (qpdf_more_warnings (doc->q))
    qpdf_next_warning (doc->q);
}

gboolean
bs_pdf_document_write (BsPdfDocument *doc, const char *path, GError **error)
{
  QPDF_ERROR_CODE rc = qpdf_init_write (doc->q, path);

  if (!(rc & QPDF_ERRORS))
    rc = qpdf_write (doc->q);
  if (rc & QPDF_ERRORS)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot write the rebuilt PDF: %s"),
                   qpdf_get_error_message_detail (doc->q, qpdf_get_error (doc->q)));
      return FALSE;
    }
  forget_error (doc);
  return TRUE;
}

int
bs_pdf_document_get_n_pages (BsPdfDocument *doc)
{
  int n = qpdf_get_num_pages (doc->q);

  if (qpdf_has_error (doc->q))
    n = -1;
  forget_error (doc);
  return n;
}

BsPdfObj
bs_pdf_null (BsPdfDocument *doc)
{
  return qpdf_oh_new_null (doc->q);
}

BsPdfObj
bs_pdf_root (BsPdfDocument *doc)
{
  BsPdfObj obj = qpdf_get_root (doc->q);

  forget_error (doc);
  return obj;
}

BsPdfObj
bs_pdf_trailer (BsPdfDocument *doc)
{
  BsPdfObj obj = qpdf_get_trailer (doc->q);

  forget_error (doc);
  return obj;
}

BsPdfObj
bs_pdf_object (BsPdfDocument *doc, guint num, guint gen)
{
  BsPdfObj obj = qpdf_get_object_by_id (doc->q, (int) MIN (num, (guint) G_MAXINT), (int) gen);

  forget_error (doc);
  return obj;
}

BsPdfObj
bs_pdf_object_numbered (BsPdfDocument *doc, guint num)
{
  for (guint gen = 0; gen <= 4; gen++)
    {
      BsPdfObj obj = bs_pdf_object (doc, num, gen);
      if (bs_pdf_obj_type (doc, obj) != BS_PDF_NULL)
        return obj;
    }
  return bs_pdf_null (doc);
}

BsPdfObj
bs_pdf_page_object (BsPdfDocument *doc, int index)
{
  BsPdfObj obj;

  if (index < 0 || index >= bs_pdf_document_get_n_pages (doc))
    return qpdf_oh_new_null (doc->q);
  obj = qpdf_get_page_n (doc->q, (size_t) index);
  forget_error (doc);
  return obj;
}

guint
bs_pdf_max_object_number (BsPdfDocument *doc)
{
  /* qpdf numbers a new object past every object of every xref section.
   * Asking adds that object, so the answer is kept: a second call would
   * count the probe itself. */
  if (doc->next_number == 0)
    {
      qpdf_oh probe = qpdf_make_indirect_object (doc->q, qpdf_oh_new_null (doc->q));
      int num = qpdf_oh_get_object_id (doc->q, probe);

      forget_error (doc);
      doc->next_number = num > 0 ? (guint) num : 1;
    }
  return doc->next_number;
}

BsPdfType
bs_pdf_obj_type (BsPdfDocument *doc, BsPdfObj obj)
{
  enum qpdf_object_type_e t = qpdf_oh_get_type_code (doc->q, obj);

  forget_error (doc);
  switch (t)
    {
    case ot_boolean: return BS_PDF_BOOL;
    case ot_integer: return BS_PDF_INT;
    case ot_real: return BS_PDF_REAL;
    case ot_string: return BS_PDF_STRING;
    case ot_name: return BS_PDF_NAME;
    case ot_array: return BS_PDF_ARRAY;
    case ot_dictionary: return BS_PDF_DICT;
    case ot_stream: return BS_PDF_STREAM;
    case ot_null:
    case ot_uninitialized:
    case ot_reserved:
    case ot_destroyed:
    case ot_unresolved:
      return BS_PDF_NULL;
    case ot_operator:
    case ot_inlineimage:
    default:
      return BS_PDF_OTHER;
    }
}

gboolean
bs_pdf_obj_is_indirect (BsPdfDocument *doc, BsPdfObj obj)
{
  gboolean indirect = qpdf_oh_is_indirect (doc->q, obj);

  forget_error (doc);
  return indirect;
}

guint
bs_pdf_obj_num (BsPdfDocument *doc, BsPdfObj obj)
{
  int num = qpdf_oh_get_object_id (doc->q, obj);

  forget_error (doc);
  return num > 0 ? (guint) num : 0;
}

guint
bs_pdf_obj_gen (BsPdfDocument *doc, BsPdfObj obj)
{
  int gen = qpdf_oh_get_generation (doc->q, obj);

  forget_error (doc);
  return gen > 0 ? (guint) gen : 0;
}

static qpdf_oh
dict_of (BsPdfDocument *doc, BsPdfObj obj)
{
  return qpdf_oh_is_stream (doc->q, obj) ? qpdf_oh_get_dict (doc->q, obj) : obj;
}

BsPdfObj
bs_pdf_obj_get (BsPdfDocument *doc, BsPdfObj dict, const char *key)
{
  BsPdfObj value = qpdf_oh_get_key (doc->q, dict_of (doc, dict), key);

  forget_error (doc);
  return value;
}

gboolean
bs_pdf_obj_has (BsPdfDocument *doc, BsPdfObj dict, const char *key)
{
  gboolean has = qpdf_oh_is_dictionary (doc->q, dict_of (doc, dict))
                 && qpdf_oh_has_key (doc->q, dict_of (doc, dict), key);

  forget_error (doc);
  return has;
}

char **
bs_pdf_obj_dup_keys (BsPdfDocument *doc, BsPdfObj dict)
{
  GPtrArray *keys = g_ptr_array_new ();
  qpdf_oh d = dict_of (doc, dict);

  if (qpdf_oh_is_dictionary (doc->q, d))
    {
      qpdf_oh_begin_dict_key_iter (doc->q, d);
      while (qpdf_oh_dict_more_keys (doc->q))
        g_ptr_array_add (keys, g_strdup (qpdf_oh_dict_next_key (doc->q)));
    }
  forget_error (doc);
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

int
bs_pdf_obj_len (BsPdfDocument *doc, BsPdfObj array)
{
  int n = qpdf_oh_is_array (doc->q, array) ? qpdf_oh_get_array_n_items (doc->q, array) : 0;

  forget_error (doc);
  return n;
}

BsPdfObj
bs_pdf_obj_at (BsPdfDocument *doc, BsPdfObj array, int index)
{
  BsPdfObj item = qpdf_oh_get_array_item (doc->q, array, index);

  forget_error (doc);
  return item;
}

gint64
bs_pdf_obj_int (BsPdfDocument *doc, BsPdfObj obj)
{
  gint64 v = qpdf_oh_is_integer (doc->q, obj) ? qpdf_oh_get_int_value (doc->q, obj) : 0;

  forget_error (doc);
  return v;
}

gboolean
bs_pdf_obj_bool (BsPdfDocument *doc, BsPdfObj obj)
{
  gboolean v = qpdf_oh_is_bool (doc->q, obj) && qpdf_oh_get_bool_value (doc->q, obj);

  forget_error (doc);
  return v;
}

double
bs_pdf_obj_number (BsPdfDocument *doc, BsPdfObj obj)
{
  double v = qpdf_oh_is_number (doc->q, obj) ? qpdf_oh_get_numeric_value (doc->q, obj) : 0;

  forget_error (doc);
  return v;
}

gboolean
bs_pdf_obj_name_is (BsPdfDocument *doc, BsPdfObj obj, const char *name)
{
  gboolean is = qpdf_oh_is_name_and_equals (doc->q, obj, name);

  forget_error (doc);
  return is;
}

char *
bs_pdf_obj_dup_name (BsPdfDocument *doc, BsPdfObj obj)
{
  char *name = qpdf_oh_is_name (doc->q, obj) ? g_strdup (qpdf_oh_get_name (doc->q, obj)) : NULL;

  forget_error (doc);
  return name;
}

GBytes *
bs_pdf_obj_dup_string (BsPdfDocument *doc, BsPdfObj obj)
{
  size_t len = 0;
  const char *data;
  GBytes *bytes = NULL;

  if (qpdf_oh_is_string (doc->q, obj))
    {
      data = qpdf_oh_get_binary_string_value (doc->q, obj, &len);
      bytes = g_bytes_new (data, len);
    }
  forget_error (doc);
  return bytes;
}

char *
bs_pdf_obj_dup_text (BsPdfDocument *doc, BsPdfObj obj)
{
  char *text = NULL;

  if (qpdf_oh_is_string (doc->q, obj))
    text = g_utf8_make_valid (qpdf_oh_get_utf8_value (doc->q, obj), -1);
  forget_error (doc);
  return text;
}

char *
bs_pdf_obj_dup_unparse (BsPdfDocument *doc, BsPdfObj obj)
{
  char *text = g_strdup (qpdf_oh_unparse_resolved (doc->q, dict_of (doc, obj)));

  forget_error (doc);
  return text;
}

char *
bs_pdf_obj_dup_ref_text (BsPdfDocument *doc, BsPdfObj obj)
{
  char *text = g_strdup (qpdf_oh_unparse (doc->q, obj));

  forget_error (doc);
  return text;
}

static GBytes *
stream_data (BsPdfDocument *doc, BsPdfObj stream, enum qpdf_stream_decode_level_e level)
{
  unsigned char *buf = NULL;
  size_t len = 0;
  QPDF_BOOL filtered = QPDF_FALSE;
  GBytes *bytes = NULL;

  if (qpdf_oh_is_stream (doc->q, stream)
      && qpdf_oh_get_stream_data (doc->q, stream, level, &filtered, &buf, &len) == QPDF_SUCCESS
      && (level == qpdf_dl_none || filtered))
    bytes = g_bytes_new (buf, len);
  free (buf);
  forget_error (doc);
  return bytes;
}

GBytes *
bs_pdf_obj_dup_stream_raw (BsPdfDocument *doc, BsPdfObj stream)
{
  return stream_data (doc, stream, qpdf_dl_none);
}

GBytes *
bs_pdf_obj_dup_stream_data (BsPdfDocument *doc, BsPdfObj stream)
{
  return stream_data (doc, stream, qpdf_dl_generalized);
}

BsPdfObj
bs_pdf_parse (BsPdfDocument *doc, const char *text)
{
  g_autofree char *direct = NULL;
  BsPdfObj obj;

  /* qpdf parses loose text without a document, where "N G R" is an
   * error; the values read this way (xref stream and trailer entries) are
   * direct by rule, so references become null. The text is bytes, not
   * UTF-8 (Poppler writes /ID as raw bytes): the pattern matches bytes. */
  if (doc->reference == NULL)
    doc->reference = g_regex_new ("\\b\\d+\\s+\\d+\\s+R\\b", G_REGEX_RAW, 0, NULL);
  direct = g_regex_replace_literal (doc->reference, text, -1, 0, "null", 0, NULL);
  obj = qpdf_oh_parse (doc->q, direct ? direct : text);

  if (qpdf_has_error (doc->q))
    obj = qpdf_oh_new_null (doc->q);
  forget_error (doc);
  return obj;
}

GBytes *
bs_pdf_decode (BsPdfDocument *doc, BsPdfObj dict, GBytes *raw)
{
  qpdf_oh stream = qpdf_oh_new_stream (doc->q);
  unsigned char *buf = NULL;
  size_t len = 0;
  QPDF_BOOL filtered = QPDF_FALSE;
  GBytes *out = NULL;

  qpdf_oh_replace_stream_data (doc->q, stream, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw),
                               qpdf_oh_get_key (doc->q, dict, "/Filter"),
                               qpdf_oh_get_key (doc->q, dict, "/DecodeParms"));
  if (!qpdf_has_error (doc->q)
      && qpdf_oh_get_stream_data (doc->q, stream, qpdf_dl_generalized, &filtered, &buf, &len) == QPDF_SUCCESS
      && filtered)
    out = g_bytes_new (buf, len);
  free (buf);
  qpdf_oh_release (doc->q, stream);
  forget_error (doc);
  return out;
}

void
bs_pdf_obj_release (BsPdfDocument *doc, BsPdfObj obj)
{
  qpdf_oh_release (doc->q, obj);
}

BsPdfObj
bs_pdf_new_array (BsPdfDocument *doc)
{
  return qpdf_oh_new_array (doc->q);
}

BsPdfObj
bs_pdf_new_dict (BsPdfDocument *doc)
{
  return qpdf_oh_new_dictionary (doc->q);
}

BsPdfObj
bs_pdf_new_int (BsPdfDocument *doc, gint64 value)
{
  return qpdf_oh_new_integer (doc->q, value);
}

void
bs_pdf_obj_set (BsPdfDocument *doc, BsPdfObj dict, const char *key, BsPdfObj value)
{
  qpdf_oh_replace_key (doc->q, dict, key, value);
  forget_error (doc);
}

void
bs_pdf_obj_append (BsPdfDocument *doc, BsPdfObj array, BsPdfObj item)
{
  qpdf_oh_append_item (doc->q, array, item);
  forget_error (doc);
}
