#include "common/shared_object.h"

#include <elf.h>

#include <bit>
#include <cstring>
#include <set>
#include <vector>

#include "common/atomic_file.h"
#include "common/error.h"

namespace nwn {

namespace {

#if defined(__x86_64__)
constexpr int kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int kMachine = EM_AARCH64;
#else
constexpr int kMachine = -1;  // not checked
#endif

}  // namespace

void check_shared_object(const std::filesystem::path& file, const std::string& what,
                         std::initializer_list<std::string_view> symbols) {
    const std::string bytes = read_file(file);
    const std::uint64_t size = bytes.size();
    auto fail = [&](const std::string& why) -> void { throw Error(file.string() + ": not a loadable " + what + ": " + why); };
    // Copies a T from [offset, offset + sizeof(T)), which the caller has checked lies within the file.
    auto at = [&]<typename T>(std::uint64_t offset, T& out) { std::memcpy(&out, bytes.data() + offset, sizeof(T)); };
    auto within = [&](std::uint64_t offset, std::uint64_t length) { return offset <= size && length <= size - offset; };
    auto truncated = [&](const std::string& part, std::uint64_t end) {
        fail("truncated: its " + part + " end at byte " + std::to_string(end) + ", the file has " + std::to_string(size) +
             " bytes");
    };

    Elf64_Ehdr eh{};
    if (size < EI_NIDENT || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0) fail("not an ELF file");
    if (bytes[EI_CLASS] != ELFCLASS64) fail("not a 64-bit ELF file");
    if (bytes[EI_DATA] != (std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB))
        fail("an ELF file of the other byte order");
    if (size < sizeof eh) truncated("ELF header", sizeof eh);
    at(0, eh);
    if (eh.e_type != ET_DYN) fail("an ELF file, but not a shared object");
    if (kMachine >= 0 && eh.e_machine != kMachine) fail("a shared object for another processor (ELF machine " + std::to_string(eh.e_machine) + ")");
    if (eh.e_phentsize != sizeof(Elf64_Phdr) || (eh.e_shnum && eh.e_shentsize != sizeof(Elf64_Shdr)))
        fail("unexpected ELF header sizes");
    const std::uint64_t ph_end = eh.e_phoff + std::uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr);
    if (!within(eh.e_phoff, ph_end - eh.e_phoff)) truncated("program headers", ph_end);
    const std::uint64_t sh_end = eh.e_shoff + std::uint64_t{eh.e_shnum} * sizeof(Elf64_Shdr);
    if (!within(eh.e_shoff, sh_end - eh.e_shoff)) truncated("section headers", sh_end);
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph{};
        at(eh.e_phoff + i * sizeof ph, ph);
        if (ph.p_type == PT_LOAD && !within(ph.p_offset, ph.p_filesz)) truncated("loaded segments", ph.p_offset + ph.p_filesz);
    }
    std::vector<Elf64_Shdr> sections(eh.e_shnum);
    for (unsigned i = 0; i < eh.e_shnum; ++i) {
        at(eh.e_shoff + i * sizeof(Elf64_Shdr), sections[i]);
        const auto& s = sections[i];
        if (s.sh_type != SHT_NOBITS && !within(s.sh_offset, s.sh_size)) truncated("sections", s.sh_offset + s.sh_size);
    }
    std::set<std::string_view> defined;
    for (const auto& s : sections) {
        if (s.sh_type != SHT_DYNSYM || s.sh_link >= sections.size()) continue;
        const auto& strtab = sections[s.sh_link];
        for (std::uint64_t off = s.sh_offset; off + sizeof(Elf64_Sym) <= s.sh_offset + s.sh_size; off += sizeof(Elf64_Sym)) {
            Elf64_Sym sym{};
            at(off, sym);
            if (sym.st_shndx == SHN_UNDEF || sym.st_name >= strtab.sh_size) continue;
            const char* name = bytes.data() + strtab.sh_offset + sym.st_name;
            defined.insert(std::string_view(name, strnlen(name, strtab.sh_size - sym.st_name)));
        }
    }
    for (const auto& s : symbols)
        if (!defined.count(s)) fail("undefined symbol: " + std::string(s));
}

}  // namespace nwn
