import Testing
import WorkModel
