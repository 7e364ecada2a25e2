/* ds-placement.c — see ds-placement.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-placement.h"
#include "bs-error.h"
#include "bs-pdf-document.h"
#include "bs-sign-marker.h"

#include <glib/gstdio.h>
#include <openssl/crypto.h>
#include <string.h>

/* A box without a size gets this one (points): the SDKs send none with
 * tag_koordinat. */
#define DEFAULT_WIDTH 100.0
#define DEFAULT_HEIGHT 50.0

char *
ds_placement_write_temp (const char *dir, const guint8 *data, gsize len, const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("doc-%08x%08x%s", g_random_int (), g_random_int (), suffix);
  char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) len, G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_clear_pointer (&path, g_free);
  return path;
}

void
ds_placement_clear (DsPlacement *p)
{
  if (p->image != NULL)
    g_unlink (p->image);
  g_free (p->image);
  g_free (p->reason);
  g_free (p->location);
  g_free (p->contact);
  if (p->pdf_password != NULL)
    OPENSSL_cleanse (p->pdf_password, strlen (p->pdf_password));
  g_free (p->pdf_password);
  memset (p, 0, sizeof *p);
}

static const char *
prop_string (json_object *props, const char *key)
{
  json_object *v = NULL;

  return props && json_object_object_get_ex (props, key, &v) && json_object_is_type (v, json_type_string)
         ? json_object_get_string (v) : NULL;
}

/* Numbers come as JSON numbers or, from form-minded integrators, as text. */
static gboolean
prop_number (json_object *props, const char *key, double *out)
{
  json_object *v = NULL;
  char *end = NULL;

  if (props == NULL || !json_object_object_get_ex (props, key, &v) || v == NULL)
    return FALSE;
  if (json_object_is_type (v, json_type_int) || json_object_is_type (v, json_type_double))
    *out = json_object_get_double (v);
  else if (json_object_is_type (v, json_type_string))
    {
      *out = g_ascii_strtod (json_object_get_string (v), &end);
      if (end == json_object_get_string (v) || *end != '\0')
        return FALSE;
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
fail (GError **error, const char *message)
{
  g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/* The specimen image, with or without a data: URL prefix. */
static gboolean
read_image (DsPlacement *p, json_object *props, const char *tmp_dir, GError **error)
{
  const char *b64 = prop_string (props, "imageBase64");
  const char *comma;
  g_autofree guint8 *data = NULL;
  gsize len = 0;

  if (b64 == NULL || *b64 == '\0')
    return TRUE;
  if (g_str_has_prefix (b64, "data:") && (comma = strchr (b64, ',')) != NULL)
    b64 = comma + 1;
  data = g_base64_decode (b64, &len);
  if (len == 0)
    return fail (error, "Kolom imageBase64 bukan gambar dalam base64");
  p->options.image_path = p->image = ds_placement_write_temp (tmp_dir, data, len, ".img");
  return p->image != NULL || fail (error, "Gambar spesimen tidak dapat disimpan");
}

/* The box's top-left corner on the marker (as local signing's --at-text
 * does it), moved onto the page when the marker is near an edge. */
static gboolean
place_at_marker (DsPlacement *p, const char *pdf, const char *tag, int page_no, double w, double h,
                 GError **error)
{
  g_autoptr(BsPdfDocument) doc = bs_pdf_document_open_password (pdf, BS_PDF_OPEN_ALLOW_ENCRYPTED, p->pdf_password,
                                                                error);

  p->options.rect = (BsDisplayRect) { 0, 0, w, h };
  p->options.page = page_no;
  return doc != NULL
         && bs_sign_place_at_text (doc, pdf, p->pdf_password, tag, &p->options.page, &p->options.rect, error);
}

static gboolean
read_box (DsPlacement *p, json_object *props, const char *pdf, GError **error)
{
  const char *tag = prop_string (props, "tag_koordinat");
  double page = 0, x = 0, y = 0, w = DEFAULT_WIDTH, h = DEFAULT_HEIGHT;
  int page_no;

  if (props && json_object_object_get_ex (props, "page", NULL) && (!prop_number (props, "page", &page) || page < 1))
    return fail (error, "Kolom page harus nomor halaman mulai dari 1");
  if ((json_object_object_get_ex (props, "width", NULL) && !prop_number (props, "width", &w))
      || (json_object_object_get_ex (props, "height", NULL) && !prop_number (props, "height", &h)) || w <= 0 || h <= 0)
    return fail (error, "Kolom width dan height harus angka lebih dari 0");
  page_no = (int) page;
  /* No page given: the first page that has the marker. */
  if (tag != NULL && *tag != '\0')
    return place_at_marker (p, pdf, tag, page_no, w, h, error);
  if ((json_object_object_get_ex (props, "originX", NULL) && !prop_number (props, "originX", &x))
      || (json_object_object_get_ex (props, "originY", NULL) && !prop_number (props, "originY", &y)))
    return fail (error, "Kolom originX dan originY harus angka");
  p->options.page = page_no > 0 ? page_no : 1;
  p->options.rect = (BsDisplayRect) { x, y, w, h };
  return TRUE;
}

gboolean
ds_placement_read (DsPlacement *p, json_object *props, const char *pdf, const char *tmp_dir, GError **error)
{
  const char *tampilan = prop_string (props, "tampilan");

  memset (p, 0, sizeof *p);
  p->options.reason = p->reason = g_strdup (prop_string (props, "reason"));
  p->options.location = p->location = g_strdup (prop_string (props, "location"));
  p->options.contact = p->contact = g_strdup (prop_string (props, "contactInfo"));
  p->pdf_password = g_strdup (prop_string (props, "pdfPassword"));
  if (tampilan != NULL && g_ascii_strcasecmp (tampilan, "VISIBLE") != 0 && g_ascii_strcasecmp (tampilan, "INVISIBLE") != 0)
    return fail (error, "Kolom tampilan harus VISIBLE atau INVISIBLE");
  if (tampilan == NULL || g_ascii_strcasecmp (tampilan, "VISIBLE") != 0)
    return TRUE;
  p->options.visible = TRUE;
  return read_box (p, props, pdf, error) && read_image (p, props, tmp_dir, error);
}
