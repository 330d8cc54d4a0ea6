using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyReportKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "monthly_key",
                table: "board_report_snapshots",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true
            );

            migrationBuilder.CreateIndex(
                name: "ix_board_report_snapshots_monthly_key",
                table: "board_report_snapshots",
                column: "monthly_key",
                unique: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_board_report_snapshots_monthly_key", table: "board_report_snapshots");

            migrationBuilder.DropColumn(name: "monthly_key", table: "board_report_snapshots");
        }
    }
}
