import Hummingbird
import Mustache
import DialectArchive
