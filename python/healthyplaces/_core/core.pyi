"""
The vocabulary: organisations, frameworks of scored categories, areas, score tables.
"""
from __future__ import annotations
import collections.abc
import enum
import numpy
import pandas
import numpy.typing
import typing
__all__: list[str] = ['Area', 'Category', 'Framework', 'Level', 'Organisation', 'OrganisationKind', 'ScoreTable', 'Sector', 'TotalScore', 'kind_label', 'parse_organisation_kind', 'parse_sector', 'sector_label', 'sector_of']
class Sector(enum.Enum):
    """
    Which side of the partnership an organisation is on.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.Sector.local_authority.name
    'local_authority'
    """
    local_authority: typing.ClassVar[Sector]
    nhs_commissioner: typing.ClassVar[Sector]
    @classmethod
    def __new__(cls, value):
        ...
class OrganisationKind(enum.Enum):
    """
    Kinds of English council and NHS commissioner.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.OrganisationKind.london_borough.name
    'london_borough'
    """
    care_trust: typing.ClassVar[OrganisationKind]
    clinical_commissioning_group: typing.ClassVar[OrganisationKind]
    county_council: typing.ClassVar[OrganisationKind]
    integrated_care_board: typing.ClassVar[OrganisationKind]
    london_borough: typing.ClassVar[OrganisationKind]
    metropolitan_district: typing.ClassVar[OrganisationKind]
    primary_care_trust: typing.ClassVar[OrganisationKind]
    shire_district: typing.ClassVar[OrganisationKind]
    unitary_authority: typing.ClassVar[OrganisationKind]
    @classmethod
    def __new__(cls, value):
        ...
class Organisation:
    """
    A council or an NHS commissioner: code, name, kind, sector, star rating and population.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> o = hp.Organisation('E09000004', 'LB Bexley', hp.OrganisationKind.london_borough, 3)
    >>> o.sector.name, o.star_rating
    ('local_authority', 3)
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Organisation) -> bool:
        ...
    def __getstate__(self) -> tuple[str, str, OrganisationKind, int | None, float | None]:
        ...
    def __init__(self, code: str, name: str = '', kind: OrganisationKind = OrganisationKind.unitary_authority, star_rating: typing.SupportsInt | typing.SupportsIndex | None = None, population: typing.SupportsFloat | typing.SupportsIndex | None = None) -> None:
        """
        Organisation(code, name='', kind=OrganisationKind.unitary_authority, star_rating=None, population=None).
        Raises DataError for a star rating outside 0-4 or a negative population.
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def code(self) -> str:
        ...
    @property
    def kind(self) -> OrganisationKind:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def population(self) -> float | None:
        ...
    @property
    def sector(self) -> Sector:
        ...
    @property
    def star_rating(self) -> int | None:
        ...
class Category:
    """
    A category of a framework: key (snake_case) and label.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.Category('financial_reporting', 'Financial reporting').label
    'Financial reporting'
    """
    def __getstate__(self) -> tuple[str, str]:
        ...
    def __init__(self, key: str, label: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def key(self) -> str:
        ...
    @property
    def label(self) -> str:
        ...
class Level:
    """
    A level of a framework's ordinal scale: its value and label.
    
    Parameters
    ----------
    value : int
        The score.
    label : str
        What the score means.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.Framework.use_of_resources().levels[0]
    Level(1, 'inadequate')
    """
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex, label: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Framework:
    """
    A named set of ordinal categories scored on one scale.
    
    Parameters
    ----------
    name : str
        The framework's name.
    categories : list of Category
        The categories scored.
    levels : list of Level
        The scale, lowest first (or ``lo`` and ``hi``: whole numbers lo..hi without labels).
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.Framework("wellbeing", [hp.Category("housing"), hp.Category("transport")], lo=1, hi=5)
    >>> f.category_keys, f.min_level, f.max_level
    (['housing', 'transport'], 1, 5)
    >>> hp.Framework.use_of_resources()
    Framework('use_of_resources', 5 categories, scale 1-4)
    """
    @staticmethod
    def builtin(name: str) -> Framework:
        ...
    @staticmethod
    def builtin_names() -> list[str]:
        ...
    @staticmethod
    def cpa_star_rating() -> Framework:
        """
        CPA star rating: one category, 0-4.
        """
    @staticmethod
    def use_of_resources() -> Framework:
        """
        Audit Commission use of resources / Auditors' Local Evaluation: five categories, 1-4.
        """
    def __getstate__(self) -> tuple[str, list[Category], list[Level]]:
        ...
    @typing.overload
    def __init__(self, name: str, categories: collections.abc.Sequence[Category], levels: collections.abc.Sequence[Level]) -> None:
        ...
    @typing.overload
    def __init__(self, name: str, categories: collections.abc.Sequence[Category], lo: typing.SupportsInt | typing.SupportsIndex, hi: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def category_index(self, key_or_label: str) -> int:
        ...
    def describe_scale(self) -> str:
        ...
    def level_of(self, label: str) -> int | None:
        ...
    @property
    def categories(self) -> list[Category]:
        ...
    @property
    def category_keys(self) -> list[str]:
        ...
    @property
    def levels(self) -> list[Level]:
        ...
    @property
    def max_level(self) -> int:
        ...
    @property
    def max_total(self) -> int:
        ...
    @property
    def min_level(self) -> int:
        ...
    @property
    def name(self) -> str:
        ...
class Area:
    """
    A place pairing a council with its NHS commissioner; coterminosity is the share of population they have in common.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.Area('Bexley', council='LB Bexley', nhs_body='Bexley PCT').coterminosity
    1.0
    """
    def __getstate__(self) -> tuple[str, str, str, float]:
        ...
    def __init__(self, name: str, council: str, nhs_body: str, coterminosity: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def coterminosity(self) -> float:
        ...
    @property
    def council(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def nhs_body(self) -> str:
        ...
class TotalScore:
    """
    A total over scored categories against the maximum for them.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.datasets.nlgn2008_table()
    >>> t.total_score('Bexley PCT')
    6 out of 20
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: TotalScore) -> bool:
        ...
    def __getstate__(self) -> tuple[int, int, int, int]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def complete(self) -> bool:
        ...
    @property
    def maximum(self) -> int:
        ...
    @property
    def n_missing(self) -> int:
        ...
    @property
    def n_scored(self) -> int:
        ...
    @property
    def total(self) -> int:
        ...
class ScoreTable:
    """
    Organisations x categories of one framework, validated on construction.
    Missing scores are NaN in `scores`.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.datasets.nlgn2008_table()
    >>> len(t), t.framework.name
    (18, 'use_of_resources')
    """
    def __getstate__(self) -> tuple[Framework, list[Organisation], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"], list[Area]]:
        ...
    def __init__(self, framework: Framework, organisations: collections.abc.Sequence[Organisation], scores: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], areas: collections.abc.Sequence[Area] = []) -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def index_of(self, code: str) -> int:
        ...
    def organisation(self, code: str) -> Organisation:
        ...
    def score(self, code: str, category: str) -> int | None:
        ...
    def subset(self, rows: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> ScoreTable:
        ...
    def to_frame(self) -> pandas.DataFrame:
        """
        The table in the CSV shape: area, organisation, sector, authority_type, star_rating, categories.
        
            Scores are nullable integers (``Int64``; missing = ``<NA>``), so ``hp.read_scores(table.to_frame())``
            gives the same table back.
            
        """
    def total_score(self, code: str) -> TotalScore:
        ...
    @property
    def areas(self) -> list[Area]:
        ...
    @property
    def codes(self) -> list[str]:
        """
        The organisations' codes in table order (a list of str: cheaper than `organisations` on a large table).
        """
    @property
    def framework(self) -> Framework:
        ...
    @property
    def n_categories(self) -> int:
        ...
    @property
    def n_organisations(self) -> int:
        ...
    @property
    def names(self) -> list[str]:
        """
        The organisations' names in table order (a list of str).
        """
    @property
    def organisations(self) -> list[Organisation]:
        ...
    @property
    def scores(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        Read-only (organisations x categories) float array; NaN = missing.
        """
def kind_label(kind: OrganisationKind) -> str:
    ...
def parse_organisation_kind(text: str) -> OrganisationKind | None:
    """
    Kind from spreadsheet text ('London borough', 'UA', 'CCG', ...), or None.
    """
def parse_sector(text: str) -> Sector | None:
    """
    Sector from spreadsheet text ('PCT', 'Local authority', ...), or None.
    """
def sector_label(sector: Sector) -> str:
    ...
def sector_of(kind: OrganisationKind) -> Sector:
    """
    The sector a kind of organisation belongs to.
    """
