/* bs-file-input.h — how files come in: drops and the file chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Accepts dropped files on @widget and hands them to the window's
 * win.open-files action (the welcome and documents pages). */
void       bs_accept_file_drops (GtkWidget *widget);
/* A file (or folder) chooser over @owner's window; @suffixes
 * (NULL-terminated) filter what it shows under @filter_name (NULL: no
 * filter). @on_files receives @owner (kept alive meanwhile) and a
 * GListModel of GFile once the user chose. */
void       bs_choose_files (GtkWidget *owner, const char *title, GtkFileChooserAction action,
                            const char *filter_name, const char *const *suffixes, gboolean multiple,
                            void (*on_files) (GtkWidget *owner, GListModel *files));
/* A PDF file chooser. */
void       bs_choose_pdfs (GtkWidget *owner, const char *title, gboolean multiple,
                           void (*on_files) (GtkWidget *owner, GListModel *files));
/* The local path of the first file of @files, or NULL (transfer full). */
char      *bs_first_path (GListModel *files);
/* The URIs of @files as the "as" parameter of win.open-files. */
GVariant  *bs_uris_variant (GListModel *files);

G_END_DECLS
