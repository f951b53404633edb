"""附件材料: supporting files an enterprise attaches to a form (附件3 十、附件材料).

Files are kept in an :class:`AttachmentStore` (data_dir/attachments) under
their SHA-256, checked by content (PDF, JPG, PNG, OFD; ≤ 50 MB; not empty);
a draft's file field stores :meth:`StoredFile.to_value`; at export
:func:`package_files` names them ``attachments/NN_材料名称.ext`` for the disc
package, and :meth:`AttachmentStore.remove_unused` drops files no draft uses.
"""

from .content import KINDS
from .package import missing_file_problems, package_files, referenced_hashes
from .samples import make_sample_files
from .store import AttachmentError, AttachmentStore, StoredFile, pdf_pages



def default_store() -> AttachmentStore:
    """The attachment store of this user's data folder (the GUI's and the CLI's)."""
    from desktop.store.paths import data_dir

    return AttachmentStore(data_dir() / "attachments")


__all__ = ["default_store", "KINDS", "AttachmentError", "AttachmentStore", "StoredFile", "make_sample_files", "missing_file_problems", "package_files",
           "pdf_pages", "referenced_hashes"]
